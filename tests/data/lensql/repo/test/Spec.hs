{-# OPTIONS_GHC -F -pgmF hspec-discover #-}
module Main where
